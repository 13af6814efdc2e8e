#pragma once
// wick::vision: torchvision's C++ side (image io, datasets, models, transforms, make_grid/save_image,
// drawing: boxes, masks, text).
#include "wick/vision/datasets/cifar.h"
#include "wick/vision/datasets/folder.h"
#include "wick/vision/datasets/mnist.h"
#include "wick/vision/draw.h"
#include "wick/vision/io.h"
#include "wick/vision/models/models.h"
#include "wick/vision/transforms/autoaugment.h"
#include "wick/vision/transforms/functional.h"
#include "wick/vision/transforms/transforms.h"
#include "wick/vision/utils.h"
