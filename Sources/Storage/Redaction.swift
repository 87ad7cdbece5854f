/// Masks secrets in text meant for people: error messages, log lines, stored attributes.
///
/// A URL's password (`postgresql://alice:S3cret@host/db` becomes `postgresql://alice:***@host/db`)
/// and the values of secret-looking parameters (`password`, `passwd`, `pwd`, `token`, `secret`,
/// `api_key`, `apikey`, `access_token`, `sslpassword`, as `name=value` in a query string, an
/// environment assignment or a key-value connection string) are replaced by `***`.
public enum Redaction {
  /// `text` with every password and token replaced by `***`.
  public static func redact(_ text: String) -> String {
    var out = text.replacing(#/(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)(?<user>[^:/@\s]*):(?<secret>[^@/\s]+)@/#) { match in
      "\(match.output.scheme)\(match.output.user):***@"
    }
    out = out.replacing(
      #/(?i)(?<name>\b(?:[A-Z_]*PASSWORD|passwd|pwd|token|secret|api_?key|access_token|sslpassword))(?<sep>\s*=\s*)(?<value>[^&\s'"]+)/#
    ) { match in
      "\(match.output.name)\(match.output.sep)***"
    }
    return out
  }
}
