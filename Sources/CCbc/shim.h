#ifndef JIXIAO_CCBC_SHIM_H
#define JIXIAO_CCBC_SHIM_H
#include <stdbool.h>
#include <coin/Cbc_C_Interface.h>
#endif
