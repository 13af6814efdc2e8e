#pragma once
// wick::vision: torchvision's C++ side (image io, datasets, make_grid/save_image so far).
#include "wick/vision/datasets/cifar.h"
#include "wick/vision/datasets/folder.h"
#include "wick/vision/datasets/mnist.h"
#include "wick/vision/io.h"
#include "wick/vision/utils.h"
