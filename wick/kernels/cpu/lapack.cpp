#include "wick/kernels/cpu/lapack.h"

#include <algorithm>
#include <vector>

// The Fortran entry points OpenBLAS exports (every argument by pointer).
extern "C" {
#define WICK_LAPACK_FORTRAN(P, T)                                                             \
  void P##getrf_(const int* m, const int* n, T* a, const int* lda, int* ipiv, int* info);     \
  void P##getri_(const int* n, T* a, const int* lda, const int* ipiv, T* work,                \
                 const int* lwork, int* info);                                               \
  void P##getrs_(const char* trans, const int* n, const int* nrhs, const T* a,                \
                 const int* lda, const int* ipiv, T* b, const int* ldb, int* info);           \
  void P##potrf_(const char* uplo, const int* n, T* a, const int* lda, int* info);            \
  void P##geqrf_(const int* m, const int* n, T* a, const int* lda, T* tau, T* work,           \
                 const int* lwork, int* info);                                               \
  void P##orgqr_(const int* m, const int* n, const int* k, T* a, const int* lda,              \
                 const T* tau, T* work, const int* lwork, int* info);                         \
  void P##gesdd_(const char* jobz, const int* m, const int* n, T* a, const int* lda, T* s,    \
                 T* u, const int* ldu, T* vt, const int* ldvt, T* work, const int* lwork,     \
                 int* iwork, int* info);                                                      \
  void P##syevd_(const char* jobz, const char* uplo, const int* n, T* a, const int* lda,      \
                 T* w, T* work, const int* lwork, int* iwork, const int* liwork, int* info);
WICK_LAPACK_FORTRAN(s, float)
WICK_LAPACK_FORTRAN(d, double)
#undef WICK_LAPACK_FORTRAN
}

namespace wick::kernels::lapack {
namespace {
// Workspace sizes come back as floating values; round up to be safe.
template <typename T>
int work_size(T q) {
  return std::max(1, static_cast<int>(q + T(0.5)) + 1);
}
}  // namespace

#define WICK_LAPACK_DEFS(P, T)                                                                \
  int getrf(int m, int n, T* a, int lda, int* ipiv) {                                         \
    int info = 0;                                                                             \
    P##getrf_(&m, &n, a, &lda, ipiv, &info);                                                  \
    return info;                                                                              \
  }                                                                                           \
  int getri(int n, T* a, int lda, const int* ipiv) {                                          \
    int info = 0, lwork = -1;                                                                 \
    T q = 0;                                                                                  \
    P##getri_(&n, a, &lda, ipiv, &q, &lwork, &info);                                          \
    lwork = work_size(q);                                                                     \
    std::vector<T> work(lwork);                                                               \
    P##getri_(&n, a, &lda, ipiv, work.data(), &lwork, &info);                                 \
    return info;                                                                              \
  }                                                                                           \
  int getrs(char trans, int n, int nrhs, const T* a, int lda, const int* ipiv, T* b,          \
            int ldb) {                                                                        \
    int info = 0;                                                                             \
    P##getrs_(&trans, &n, &nrhs, a, &lda, ipiv, b, &ldb, &info);                              \
    return info;                                                                              \
  }                                                                                           \
  int potrf(char uplo, int n, T* a, int lda) {                                                \
    int info = 0;                                                                             \
    P##potrf_(&uplo, &n, a, &lda, &info);                                                     \
    return info;                                                                              \
  }                                                                                           \
  int geqrf(int m, int n, T* a, int lda, T* tau) {                                            \
    int info = 0, lwork = -1;                                                                 \
    T q = 0;                                                                                  \
    P##geqrf_(&m, &n, a, &lda, tau, &q, &lwork, &info);                                       \
    lwork = work_size(q);                                                                     \
    std::vector<T> work(lwork);                                                               \
    P##geqrf_(&m, &n, a, &lda, tau, work.data(), &lwork, &info);                              \
    return info;                                                                              \
  }                                                                                           \
  int orgqr(int m, int n, int k, T* a, int lda, const T* tau) {                               \
    int info = 0, lwork = -1;                                                                 \
    T q = 0;                                                                                  \
    P##orgqr_(&m, &n, &k, a, &lda, tau, &q, &lwork, &info);                                   \
    lwork = work_size(q);                                                                     \
    std::vector<T> work(lwork);                                                               \
    P##orgqr_(&m, &n, &k, a, &lda, tau, work.data(), &lwork, &info);                          \
    return info;                                                                              \
  }                                                                                           \
  int gesdd(char jobz, int m, int n, T* a, int lda, T* s, T* u, int ldu, T* vt, int ldvt) {   \
    int info = 0, lwork = -1;                                                                 \
    T q = 0;                                                                                  \
    std::vector<int> iwork(8 * std::max(1, std::min(m, n)));                                  \
    P##gesdd_(&jobz, &m, &n, a, &lda, s, u, &ldu, vt, &ldvt, &q, &lwork, iwork.data(), &info); \
    lwork = work_size(q);                                                                     \
    std::vector<T> work(lwork);                                                               \
    P##gesdd_(&jobz, &m, &n, a, &lda, s, u, &ldu, vt, &ldvt, work.data(), &lwork,             \
              iwork.data(), &info);                                                           \
    return info;                                                                              \
  }                                                                                           \
  int syevd(char jobz, char uplo, int n, T* a, int lda, T* w) {                               \
    int info = 0, lwork = -1, liwork = -1, iq = 0;                                            \
    T q = 0;                                                                                  \
    P##syevd_(&jobz, &uplo, &n, a, &lda, w, &q, &lwork, &iq, &liwork, &info);                 \
    lwork = work_size(q);                                                                     \
    liwork = std::max(1, iq);                                                                 \
    std::vector<T> work(lwork);                                                               \
    std::vector<int> iwork(liwork);                                                           \
    P##syevd_(&jobz, &uplo, &n, a, &lda, w, work.data(), &lwork, iwork.data(), &liwork,       \
              &info);                                                                         \
    return info;                                                                              \
  }
WICK_LAPACK_DEFS(s, float)
WICK_LAPACK_DEFS(d, double)
#undef WICK_LAPACK_DEFS

}  // namespace wick::kernels::lapack
