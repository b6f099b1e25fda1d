#ifndef JIXIAO_COPENBLAS_SHIM_H
#define JIXIAO_COPENBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
