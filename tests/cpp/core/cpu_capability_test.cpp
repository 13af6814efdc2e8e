// The run-time choice of vector instruction set: capped by set_cpu_capability,
// never above what the processor has.
#include <gtest/gtest.h>

#include <string>

#include "wick/core/cpu_capability.h"

namespace {
using wick::CpuCapability;

TEST(CpuCapability, SetCapsAtWhatTheCpuSupports) {
  const CpuCapability before = wick::cpu_capability();
  const CpuCapability best = wick::cpu_capability_supported();
  EXPECT_LE(before, best);
  EXPECT_EQ(wick::set_cpu_capability(CpuCapability::Default), CpuCapability::Default);
  EXPECT_EQ(wick::cpu_capability(), CpuCapability::Default);
  EXPECT_EQ(wick::set_cpu_capability(CpuCapability::AVX512), best);
  EXPECT_EQ(wick::cpu_capability(), best);
  wick::set_cpu_capability(before);
}

TEST(CpuCapability, Names) {
  EXPECT_EQ(std::string(wick::cpu_capability_name(CpuCapability::Default)), "DEFAULT");
  EXPECT_EQ(std::string(wick::cpu_capability_name(CpuCapability::AVX2)), "AVX2");
  EXPECT_EQ(std::string(wick::cpu_capability_name(CpuCapability::AVX512)), "AVX512");
}
}  // namespace
