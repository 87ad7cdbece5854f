// Times MetaFeatureExtractor on datasets given on the command line, for
// scripts/bench_metafeatures.py (which times pymfe in the same run and prints the ratio).
//
//   mfe-timing --groups general,statistical,info-theory --repeat 5 [--jobs N] PATH...
// prints one line per dataset: `<path>\t<median seconds>\t<feature count>`;
// with `--json` it prints instead one JSON object per line: the path and the feature vector.
import Datasets
import Foundation
import Linalg
import MetaFeatures

ProcessMemory.keepFreedMemory()

var groups = MetaFeatureGroup.defaults
var repeats = 5
var paths: [String] = []
var json = false
var jobs = 1
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
  switch a {
  case "--groups":
    let list = (args.popFirst() ?? "").split(separator: ",").map(String.init)
    groups = list.compactMap(MetaFeatureGroup.init(rawValue:))
    if groups.count != list.count {
      FileHandle.standardError.write(Data("unknown group in \(list)\n".utf8))
      exit(1)
    }
  case "--repeat": repeats = Int(args.popFirst() ?? "") ?? 5
  case "--json": json = true
  case "--jobs": jobs = Int(args.popFirst() ?? "") ?? 1
  default: paths.append(a)
  }
}
let extractor = MetaFeatureExtractor(groups: groups, nJobs: jobs)
for path in paths {
  do {
    let data = try Dataset.read(from: path)
    if json {
      let encoded = try JSONEncoder().encode(extractor.features(of: data))
      print("{\"path\": \"\(path)\", \"vector\": \(String(decoding: encoded, as: UTF8.self))}")
      continue
    }
    var times: [Double] = []
    var count = 0
    for _ in 0..<max(repeats, 1) {
      let start = DispatchTime.now().uptimeNanoseconds
      let v = extractor.features(of: data)
      times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
      count = v.count
    }
    times.sort()
    print("\(path)\t\(times[times.count / 2])\t\(count)")
  } catch {
    FileHandle.standardError.write(Data("\(path): \(error)\n".utf8))
    exit(1)
  }
}
