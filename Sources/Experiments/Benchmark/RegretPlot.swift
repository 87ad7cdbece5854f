import Foundation

/// A hand-written SVG line plot of the methods' mean regret curves (deterministic bytes).
///
/// x: budget 1…B (full-evaluation equivalents); y: mean normalised regret from 0 to the
/// largest plotted value rounded up to a multiple of 0.25 (at least 1), on a linear scale.
public struct RegretPlot: Sendable {
  /// The result plotted.
  public let result: BenchmarkResult
  /// The plot title.
  public let title: String

  /// A plot of `result`'s curves.
  public init(result: BenchmarkResult, title: String) {
    self.result = result
    self.title = title
  }

  static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"]

  static func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }

  /// The SVG document.
  public var svg: String {
    let (width, height) = (640.0, 400.0)
    let (left, right, top, bottom) = (60.0, 150.0, 40.0, 50.0)
    let plotW = width - left - right
    let plotH = height - top - bottom
    let curves = result.methods.indices.map { result.summary(method: $0).regretCurve }
    let highest = curves.flatMap { $0 }.filter(\.isFinite).max() ?? 1
    let yMax = max(1, (highest / 0.25).rounded(.up) * 0.25)
    let b = result.budget
    func x(_ budget: Int) -> Double { left + (b > 1 ? Double(budget - 1) / Double(b - 1) : 0.5) * plotW }
    func y(_ v: Double) -> Double { top + plotH - min(max(v, 0), yMax) / yMax * plotH }
    func f(_ v: Double) -> String { String(format: "%.2f", v) }
    var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
    out += "viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
    out += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    out += "<text x=\"\(f(left))\" y=\"20\" font-size=\"14\">\(Self.escape(title))</text>\n"
    out += "<line x1=\"\(f(left))\" y1=\"\(f(top + plotH))\" x2=\"\(f(left + plotW))\" y2=\"\(f(top + plotH))\" stroke=\"black\"/>\n"
    out += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(top + plotH))\" stroke=\"black\"/>\n"
    let yTicks = Int((yMax / 0.25).rounded())
    let yStep = yTicks > 8 ? (yTicks + 7) / 8 : 1
    for t in stride(from: 0, through: yTicks, by: yStep) {
      let v = Double(t) * 0.25
      out += "<line x1=\"\(f(left - 4))\" y1=\"\(f(y(v)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(y(v)))\" stroke=\"#dddddd\"/>\n"
      out += "<text x=\"\(f(left - 8))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\">\(f(v))</text>\n"
    }
    let xStep = max(1, b / 10)
    for budget in Set(stride(from: 1, through: b, by: xStep).map { $0 } + [b]).sorted() {
      out += "<text x=\"\(f(x(budget)))\" y=\"\(f(top + plotH + 18))\" text-anchor=\"middle\">\(budget)</text>\n"
    }
    out += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(height - 10))\" text-anchor=\"middle\">budget (full-evaluation equivalents)</text>\n"
    out +=
      "<text x=\"15\" y=\"\(f(top + plotH / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 15 \(f(top + plotH / 2)))\">mean normalised regret</text>\n"
    for (m, curve) in curves.enumerated() {
      let colour = Self.palette[m % Self.palette.count]
      let points = curve.enumerated().map { "\(f(x($0.offset + 1))),\(f(y($0.element)))" }.joined(separator: " ")
      out += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(points)\"/>\n"
      let ly = top + 10 + Double(m) * 18
      out += "<line x1=\"\(f(left + plotW + 15))\" y1=\"\(f(ly))\" x2=\"\(f(left + plotW + 35))\" y2=\"\(f(ly))\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
      out += "<text x=\"\(f(left + plotW + 40))\" y=\"\(f(ly + 4))\">\(Self.escape(result.methods[m]))</text>\n"
    }
    return out + "</svg>\n"
  }
}
