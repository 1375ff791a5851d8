#ifndef HUIZONG_CLIBPQ_SHIM_H
#define HUIZONG_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
