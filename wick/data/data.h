#pragma once
// wick::data: datasets, transforms, samplers and the DataLoader (LibTorch's
// torch/data.h).
#include "wick/data/chunk.h"
#include "wick/data/dataloader.h"
#include "wick/data/datasets.h"
#include "wick/data/example.h"
#include "wick/data/samplers.h"
#include "wick/data/transforms.h"
