#ifndef DISPATCHLAB_CGSL_SHIM_H
#define DISPATCHLAB_CGSL_SHIM_H

#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_statistics_double.h>

/* GSL exposes its generator types as mutable global pointers, which Swift 6's
   strict concurrency refuses to touch. These accessors return them by value. */
static inline const gsl_rng_type *cgsl_rng_type_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_rng_type *cgsl_rng_type_ranlxd2(void) { return gsl_rng_ranlxd2; }

/* GSL's default error handler calls abort(); callers switch it off once at start-up
   and check return codes instead. */
static inline void cgsl_disable_abort_on_error(void) { gsl_set_error_handler_off(); }

#endif
