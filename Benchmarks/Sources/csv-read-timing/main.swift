// Times `Dataset.read(from:)` on one file: prints one JSON object with the median and all
// run times in seconds. Usage: csv-read-timing FILE [--runs N]. Driven by
// scripts/bench_csv_read.py, which times pandas.read_csv on the same file in the same run.
import Datasets
import Foundation

var args = Array(CommandLine.arguments.dropFirst())
guard let path = args.first else {
  FileHandle.standardError.write(Data("usage: csv-read-timing FILE [--runs N]\n".utf8))
  exit(2)
}
args.removeFirst()
var runs = 7
if args.first == "--runs", args.count > 1, let n = Int(args[1]) { runs = n }
var times = [Double]()
var shape = (0, 0)
do {
  _ = try Dataset.read(from: path)  // warm the page cache, like the pandas side
  for _ in 0..<runs {
    let t0 = DispatchTime.now().uptimeNanoseconds
    let d = try Dataset.read(from: path)
    times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
    shape = (d.rowCount, d.featureCount + 1)
  }
} catch {
  FileHandle.standardError.write(Data("\(error)\n".utf8))
  exit(1)
}
let sorted = times.sorted()
let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : 0.5 * (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2])
print("{\"file\": \"\(path)\", \"rows\": \(shape.0), \"columns\": \(shape.1), \"median_s\": \(median), \"runs_s\": \(times)}")
