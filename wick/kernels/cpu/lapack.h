#pragma once
// LAPACK (from OpenBLAS) on one column-major matrix at a time. Each call
// returns LAPACK's info; workspace queries and buffers are handled inside.
namespace wick::kernels::lapack {

#define WICK_LAPACK_DECLS(T)                                                                  \
  int getrf(int m, int n, T* a, int lda, int* ipiv);                                          \
  int getri(int n, T* a, int lda, const int* ipiv);                                           \
  int getrs(char trans, int n, int nrhs, const T* a, int lda, const int* ipiv, T* b, int ldb); \
  int potrf(char uplo, int n, T* a, int lda);                                                 \
  int geqrf(int m, int n, T* a, int lda, T* tau);                                             \
  int orgqr(int m, int n, int k, T* a, int lda, const T* tau);                                \
  int gesdd(char jobz, int m, int n, T* a, int lda, T* s, T* u, int ldu, T* vt, int ldvt);    \
  int syevd(char jobz, char uplo, int n, T* a, int lda, T* w);
WICK_LAPACK_DECLS(float)
WICK_LAPACK_DECLS(double)
#undef WICK_LAPACK_DECLS

}  // namespace wick::kernels::lapack
