#ifndef JIXIAO_CCLP_SHIM_H
#define JIXIAO_CCLP_SHIM_H
// Clp_C_Interface.h uses `bool` (Clp_modifyCoefficient) without including
// it, so stdbool.h has to come first.
#include <stdbool.h>
#include <coin/Clp_C_Interface.h>
#endif
