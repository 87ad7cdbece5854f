/// An error of a workflow's settings or inputs, naming the setting, file or parameter at fault.
public enum MetaProbeKitError: Error, CustomStringConvertible, Equatable, Sendable {
  /// A setting outside its range or an unknown name: the message names the setting and value.
  case invalidSetting(String)
  /// An input (dataset, tuning log, meta-model, storage) that cannot be used, with the reason.
  case invalidInput(String)

  /// The message, as the command line prints it.
  public var description: String {
    switch self {
    case .invalidSetting(let message), .invalidInput(let message): message
    }
  }
}
