#pragma once
// wick::vision::models: torchvision.models' classification networks in C++
// (LibTorch-style module holders with torchvision's parameter names, so
// wick::load(model, "resnet18.pt") reads a torchvision state_dict).
#include "wick/vision/models/densenet.h"
#include "wick/vision/models/mobilenetv2.h"
#include "wick/vision/models/resnet.h"
#include "wick/vision/models/squeezenet.h"
#include "wick/vision/models/vgg.h"
