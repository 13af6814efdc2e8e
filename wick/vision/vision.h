#pragma once
// wick::vision: torchvision's C++ side (image io, datasets, models).
#include "wick/vision/datasets/mnist.h"
#include "wick/vision/io.h"
#include "wick/vision/models/models.h"
