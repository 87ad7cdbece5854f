#ifndef METAPROBE_CBLASRAW_SHIM_H
#define METAPROBE_CBLASRAW_SHIM_H
#include <cblas.h>
#endif
