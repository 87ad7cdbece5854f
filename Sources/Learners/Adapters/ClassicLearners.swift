extension LearnerCatalog {
  /// SVM, logistic regression, kNN and Gaussian naive Bayes (added with their models).
  static var classicLearners: [any Learner] { [] }
}
