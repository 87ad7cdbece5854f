#ifndef METAPROBE_CBLAS_SHIM_H
#define METAPROBE_CBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
