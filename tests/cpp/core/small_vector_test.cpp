// wick::SmallVector (DimVector): std::vector's behaviour, inline and on the heap.
#include <gtest/gtest.h>

#include <vector>

#include "wick/core/array_ref.h"

namespace {
using wick::DimVector;
using V = std::vector<int64_t>;

TEST(SmallVector, InsertEraseAcrossTheInlineCapacity) {
  DimVector a{1, 2, 3};
  EXPECT_EQ(a.capacity(), 6u);
  a.insert(a.begin(), 0);
  a.insert(a.end(), a.begin(), a.end());  // a range inside the vector itself, growing it
  EXPECT_EQ(a, (V{0, 1, 2, 3, 0, 1, 2, 3}));
  EXPECT_GT(a.capacity(), 6u);
  a.erase(a.begin() + 1, a.begin() + 3);
  EXPECT_EQ(a, (V{0, 3, 0, 1, 2, 3}));
  a.insert(a.begin() + 2, 2, -1);
  EXPECT_EQ(a, (V{0, 3, -1, -1, 0, 1, 2, 3}));
  a.erase(a.begin());
  a.pop_back();
  EXPECT_EQ(a, (V{3, -1, -1, 0, 1, 2}));
  for (int i = 0; i < 20; ++i) a.push_back(a[0]);  // an element of the vector while it grows
  EXPECT_EQ(a.size(), 26u);
  EXPECT_EQ(a.back(), 3);
}

TEST(SmallVector, CopyMoveAndConversions) {
  DimVector small{4, 5};
  DimVector big(10, 7);
  DimVector moved_small = std::move(small);
  DimVector moved_big = std::move(big);
  EXPECT_TRUE(small.empty());
  EXPECT_TRUE(big.empty());
  EXPECT_EQ(moved_small, (V{4, 5}));
  EXPECT_EQ(moved_big, V(10, 7));
  big = moved_small;
  moved_small = moved_big;
  EXPECT_EQ(big, (V{4, 5}));
  EXPECT_EQ(moved_small.size(), 10u);
  big.swap(moved_small);
  EXPECT_EQ(big.size(), 10u);
  EXPECT_EQ(moved_small, (V{4, 5}));
  V as_vector = moved_small;
  wick::IntArrayRef ref = moved_small;
  EXPECT_EQ(as_vector, (V{4, 5}));
  EXPECT_EQ(ref.size(), 2u);
  EXPECT_EQ(ref[1], 5);
  DimVector from_vector = V{1, 2, 3, 4, 5, 6, 7};
  EXPECT_EQ(from_vector.size(), 7u);
  from_vector.resize(2);
  from_vector.resize(4, from_vector[1]);
  EXPECT_EQ(from_vector, (V{1, 2, 2, 2}));
  from_vector.assign(from_vector.begin() + 1, from_vector.end());
  EXPECT_EQ(from_vector, (V{2, 2, 2}));
  EXPECT_THROW(from_vector.at(3), std::out_of_range);
  EXPECT_TRUE(DimVector({1, 2}) < DimVector({1, 3}));
  EXPECT_NE(DimVector({1, 2}), (V{1}));
}

}  // namespace
