/// An error of the `metaprobe meta` command line, naming the file, task or learner at fault.
struct MetaCommandError: Error, CustomStringConvertible {
  let description: String
}
