internal import CBLAS

extension Float: BLASScalar {}
