#include <cblas.h>
#include <dlfcn.h>

/// Runs OpenBLAS's kernel selection again (it reads `OPENBLAS_CORETYPE`), before any product.
/// Only builds with `DYNAMIC_ARCH` (Debian's) select kernels at run time; elsewhere this does
/// nothing. Looked up at run time so that the library links against any OpenBLAS.
static inline void openblas_select_kernels(void) {
    void (*quit)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "gotoblas_dynamic_quit");
    void (*init)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "gotoblas_dynamic_init");
    if (quit && init) {
        quit();
        init();
    }
}
