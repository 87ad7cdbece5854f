import Foundation

/// A one-line progress bar on stderr: trials done/total, best value, elapsed time and ETA.
///
/// Drawn only when stderr is a terminal (`isatty(2)`), so logs, pipes, CI and `--json` runs
/// see nothing; redrawn in place with a carriage return and ended with a newline by ``finish()``.
struct ProgressBar {
  let enabled: Bool
  let total: Int
  let start: ContinuousClock.Instant
  private var drawn = false

  /// A bar for `total` trials, drawn when `enabled` and stderr is a terminal.
  init(total: Int, enabled: Bool) {
    self.total = total
    self.enabled = enabled && isatty(2) != 0
    self.start = .now
  }

  /// The bar's text for `done` of ``total`` trials, without drawing it.
  static func line(done: Int, total: Int, best: Double?, elapsed: Double) -> String {
    let width = 24
    let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
    let filled = Int((fraction * Double(width)).rounded(.down))
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    let bestText = best.map { String(format: "%.6g", $0) } ?? "-"
    var eta = "-"
    if done > 0, done < total {
      eta = clock(elapsed / Double(done) * Double(total - done))
    } else if done >= total {
      eta = clock(0)
    }
    return "[\(bar)] \(done)/\(total) trials  best \(bestText)  elapsed \(clock(elapsed))  ETA \(eta)"
  }

  /// `seconds` as `m:ss` or `h:mm:ss`.
  static func clock(_ seconds: Double) -> String {
    let s = max(0, Int(seconds.rounded()))
    if s >= 3600 { return String(format: "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60) }
    return String(format: "%d:%02d", s / 60, s % 60)
  }

  /// Redraws the bar.
  mutating func update(done: Int, best: Double?) {
    guard enabled else { return }
    let d = ContinuousClock.now - start
    let elapsed = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    let text = "\r" + Self.line(done: done, total: total, best: best, elapsed: elapsed)
    FileHandle.standardError.write(Data(text.utf8))
    drawn = true
  }

  /// Ends the bar's line.
  mutating func finish() {
    guard enabled, drawn else { return }
    FileHandle.standardError.write(Data("\n".utf8))
    drawn = false
  }
}
