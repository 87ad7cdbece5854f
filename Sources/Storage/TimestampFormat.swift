import Foundation

/// Datetimes and durations in the text forms of pandas and Optuna, in UTC with microseconds.
///
/// `2026-01-01 12:00:00.123456` for a date and `0 days 00:00:01.234567` for a duration, as
/// `trials_dataframe().to_csv()` writes them; the SQLite schema stores dates the same way.
/// Conversions are exact to the microsecond (dates are rounded to the nearest microsecond).
public enum TimestampFormat {
  /// `date` as `YYYY-MM-DD HH:MM:SS.ffffff` in UTC.
  public static func string(from date: Date) -> String {
    let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    let (secs, frac) = floorDivide(micros, 1_000_000)
    let (days, sod) = floorDivide(secs, 86_400)
    let (y, m, d) = civil(fromDays: days)
    return String(
      format: "%04lld-%02lld-%02lld %02lld:%02lld:%02lld.%06lld", y, m, d, sod / 3600,
      (sod / 60) % 60, sod % 60, frac)
  }

  /// The date written as `YYYY-MM-DD HH:MM:SS[.f…]` (also with `T` between date and time and an
  /// optional trailing `Z` or `+00:00`), read as UTC; nil when the text is not such a date.
  public static func date(from text: String) -> Date? {
    var s = Substring(text.trimmingCharacters(in: .whitespaces))
    if s.hasSuffix("Z") { s = s.dropLast() }
    if s.hasSuffix("+00:00") { s = s.dropLast(6) }
    let parts = s.split(whereSeparator: { $0 == " " || $0 == "T" })
    guard parts.count == 2 else { return nil }
    let ymd = parts[0].split(separator: "-", omittingEmptySubsequences: false)
    guard ymd.count == 3, let y = Int64(ymd[0]), let m = Int64(ymd[1]), let d = Int64(ymd[2]),
      (1...12).contains(m), (1...31).contains(d),
      let seconds = secondsOfDay(parts[1])
    else { return nil }
    let days = daysFromCivil(y, m, d)
    let unix = Double(days * 86_400) + seconds
    return Date(timeIntervalSince1970: unix)
  }

  /// `seconds` (≥ 0 or negative) as pandas' Timedelta text, `D days HH:MM:SS.ffffff`.
  public static func durationString(seconds: Double) -> String {
    let micros = Int64((seconds * 1_000_000).rounded())
    let sign = micros < 0 ? "-" : ""
    let a = abs(micros)
    let (secs, frac) = (a / 1_000_000, a % 1_000_000)
    let days = secs / 86_400
    let sod = secs % 86_400
    let base =
      sign
      + String(
        format: "%lld days %02lld:%02lld:%02lld", days, sod / 3600, (sod / 60) % 60, sod % 60)
    return frac == 0 ? base : base + String(format: ".%06lld", frac)
  }

  /// The seconds of a pandas Timedelta text (`0 days 00:00:01.234567`, `1 day 02:00:00`), or nil.
  public static func duration(from text: String) -> Double? {
    let s = text.trimmingCharacters(in: .whitespaces)
    let negative = s.hasPrefix("-")
    let body = negative ? String(s.dropFirst()) : s
    let parts = body.split(separator: " ")
    var days: Double = 0
    let clock: Substring
    switch parts.count {
    case 3:
      guard parts[1] == "days" || parts[1] == "day", let d = Double(parts[0]) else { return nil }
      days = d
      clock = parts[2]
    case 1: clock = parts[0]
    default: return nil
    }
    guard let sod = secondsOfDay(clock) else { return nil }
    let total = days * 86_400 + sod
    return negative ? -total : total
  }

  private static func secondsOfDay(_ text: Substring) -> Double? {
    let hms = text.split(separator: ":", omittingEmptySubsequences: false)
    guard hms.count == 3, let h = Int(hms[0]), let mi = Int(hms[1]), let sec = Double(hms[2]),
      (0..<24).contains(h), (0..<60).contains(mi), sec >= 0, sec < 61
    else { return nil }
    // Exact to the microsecond: integer microseconds first, then one division.
    let micros = (Double(h * 3600 + mi * 60) * 1_000_000 + (sec * 1_000_000).rounded())
    return micros / 1_000_000
  }

  private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
    let q = a >= 0 ? a / b : -((-a + b - 1) / b)
    return (q, a - q * b)
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
  private static func daysFromCivil(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  private static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }
}
