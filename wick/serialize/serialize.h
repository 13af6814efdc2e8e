#pragma once
// Checkpoints in torch.save's zip format (umbrella header of wick/serialize).
//   archive/data.pkl      the pickled object (protocol 2)
//   archive/byteorder     "little"
//   archive/data/<key>    the bytes of each storage, 64-byte aligned, stored
//   archive/version       "3"
// wick::save / wick::load read and write files; pickle_save / pickle_load do the
// same on bytes (as LibTorch names them). Files written by torch.save load here,
// and files written here load in torch.load (weights_only or not).
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "wick/nn/module.h"
#include "wick/nn/ordered_dict.h"
#include "wick/nn/pimpl.h"
#include "wick/serialize/optimizer.h"
#include "wick/serialize/pickler.h"
#include "wick/serialize/unpickler.h"
#include "wick/serialize/value.h"
#include "wick/serialize/zip.h"

namespace wick {

namespace serialize {

// Maps a storage's saved location ("cpu", "cuda:0", ...) to the device to load
// it on. The default accepts "cpu" and raises PyTorch's error for CUDA.
using MapLocation = std::function<Device(const std::string& location)>;
Device default_map_location(const std::string& location);

std::string save_to_bytes(const Value& value);
// Streams the archive into the file (no copy of the storages in memory).
void save_to_file(const Value& value, const std::string& path);
// The whole file (memory-mapped, read-only); raises PyTorch's "open file failed ..."
// error when it cannot be opened.
struct FileBytes {
  std::shared_ptr<const char> data;  // unmaps when the last holder is gone
  size_t size = 0;
  std::string_view view() const { return std::string_view(data.get(), size); }
};
FileBytes read_file(const std::string& path);
Value load_from_bytes(std::string_view archive, const MapLocation& map_location = {});

// A module's state_dict as the OrderedDict torch.save pickles, and back (for
// checkpoints that hold a state_dict beside other entries, such as
// {"model": ..., "optimizer": ..., "epoch": ...}); raises unless v is a dict of
// str to Tensor.
Value state_dict_to_value(const OrderedDict<std::string, Tensor>& dict);
OrderedDict<std::string, Tensor> state_dict_from_value(const Value& v);

}  // namespace serialize

std::vector<char> pickle_save(const serialize::Value& value);
serialize::Value pickle_load(const std::vector<char>& data);

void save(const serialize::Value& value, const std::string& path);
void save(const Tensor& tensor, const std::string& path);
void save(const std::vector<Tensor>& tensors, const std::string& path);
// A module's state_dict (saved as an OrderedDict, as torch.save(module.state_dict())).
void save(const OrderedDict<std::string, Tensor>& dict, const std::string& path);

serialize::Value load(const std::string& path, const serialize::MapLocation& map_location = {});
void load(Tensor& tensor, const std::string& path);
void load(std::vector<Tensor>& tensors, const std::string& path);
void load(OrderedDict<std::string, Tensor>& dict, const std::string& path);

// A module saves its state_dict() (the file torch.save(module.state_dict(), path)
// writes) and loads one with load_state_dict(strict=true), so checkpoints move
// between wick and PyTorch modules of the same shape.
void save(const nn::Module& module, const std::string& path);
void load(nn::Module& module, const std::string& path);
template <typename M>
void save(const nn::ModuleHolder<M>& module, const std::string& path) {
  save(static_cast<const nn::Module&>(*module), path);
}
template <typename M>
void load(nn::ModuleHolder<M>& module, const std::string& path) {
  load(static_cast<nn::Module&>(*module), path);
}

}  // namespace wick
