internal import CBLAS

extension Double: BLASScalar {}
