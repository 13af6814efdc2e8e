#include "wick/serialize/serialize.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>

#include "wick/core/error.h"

namespace wick {

namespace serialize {

Device default_map_location(const std::string& location) {
  if (location == "cpu") return Device(kCPU);
  if (location.rfind("cuda", 0) == 0) {
    WICK_CHECK(is_available(kCUDA),
               "Attempting to deserialize object on a CUDA device but torch.cuda.is_available() "
               "is False. If you are running on a CPU-only machine, please use torch.load with "
               "map_location=torch.device('cpu') to map your storages to the CPU.");
    return Device(location);
  }
  WICK_CHECK(false, "don't know how to restore data location of torch.storage.UntypedStorage "
                    "(tagged with ", location, ")");
  return Device(kCPU);
}

namespace {

void write_archive(const Value& value, ZipWriter& zip) {
  std::vector<PickledStorage> storages;
  std::string pkl = pickle(value, storages);
  zip.add("archive/data.pkl", pkl.data(), pkl.size());
  zip.add("archive/byteorder", "little", 6);
  for (const PickledStorage& s : storages)
    zip.add("archive/data/" + s.key, s.storage->data(), s.storage->nbytes());
  zip.add("archive/version", "3\n", 2);
}

}  // namespace

std::string save_to_bytes(const Value& value) {
  ZipWriter zip;
  write_archive(value, zip);
  return zip.finish();
}

void save_to_file(const Value& value, const std::string& path) {
  std::ofstream f(path, std::ios::binary);
  WICK_CHECK(f.good(), "File ", path, " cannot be opened.");
  ZipWriter zip([&](const char* p, size_t n) {
    f.write(p, static_cast<std::streamsize>(n));
    WICK_CHECK(f.good(), "Failed to write to file ", path);
  });
  write_archive(value, zip);
  zip.finish();
  f.close();
  WICK_CHECK(!f.fail(), "Failed to write to file ", path);
}

FileBytes read_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  WICK_CHECK(fd >= 0, "open file failed because of errno ", errno, " on fopen: ",
             std::strerror(errno), ", file path: ", path);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    WICK_CHECK(false, "Failed to read file ", path, ": ", std::strerror(err));
  }
  FileBytes out;
  out.size = static_cast<size_t>(st.st_size);
  if (out.size == 0) {
    ::close(fd);
    out.data = std::shared_ptr<const char>(new char[1], [](const char* p) { delete[] p; });
    return out;
  }
  void* p = ::mmap(nullptr, out.size, PROT_READ, MAP_PRIVATE, fd, 0);
  int err = errno;
  ::close(fd);
  WICK_CHECK(p != MAP_FAILED, "Failed to read file ", path, ": ", std::strerror(err));
  size_t n = out.size;
  out.data = std::shared_ptr<const char>(static_cast<const char*>(p),
                                         [n](const char* q) { ::munmap(const_cast<char*>(q), n); });
  return out;
}

Value state_dict_to_value(const OrderedDict<std::string, Tensor>& dict) {
  Value::Dict items;
  for (const auto& item : dict) items.emplace_back(Value(item.key()), Value(item.value()));
  return Value::dict(std::move(items), /*ordered=*/true);
}

OrderedDict<std::string, Tensor> state_dict_from_value(const Value& v) {
  WICK_CHECK(v.is_dict(), "wick::load: expected a dict of tensors, got ", Value::kind_name(v.kind()));
  OrderedDict<std::string, Tensor> out;
  for (const auto& kv : v.dict_items()) {
    WICK_CHECK(kv.first.is_string() && kv.second.is_tensor(),
               "wick::load: expected a dict of str to Tensor");
    out.insert(kv.first.to_string(), kv.second.to_tensor());
  }
  return out;
}

Value load_from_bytes(std::string_view archive, const MapLocation& map_location) {
  WICK_CHECK(!(archive.size() >= 2 && static_cast<unsigned char>(archive[0]) == 0x80),
             "the legacy (pre-1.6, non-zip) torch.save format is not supported yet; re-save the "
             "file with torch.save in a current PyTorch");
  ZipReader zip(archive);
  WICK_CHECK(!zip.names().empty(), "PytorchStreamReader failed reading zip archive: no records");
  const std::string& first = zip.names()[0];
  size_t slash = first.find('/');
  WICK_CHECK(slash != std::string::npos,
             "PytorchStreamReader failed locating file data.pkl: file not found");
  std::string prefix = first.substr(0, slash + 1);
  if (zip.has(prefix + "byteorder")) {
    std::string_view order = zip.read(prefix + "byteorder");
    WICK_CHECK(order == "little", "Unsupported: checkpoint byte order '", order,
               "' (only little-endian checkpoints are supported)");
  }
  std::map<std::string, Storage> loaded;
  StorageLoader loader = [&](const std::string& key, ScalarType dtype, int64_t numel,
                             const std::string& location) -> Storage {
    Device device = map_location ? map_location(location) : default_map_location(location);
    WICK_CHECK(device.is_cpu(), "wick.load: only CPU storages are supported, got ", device);
    auto it = loaded.find(key);
    if (it != loaded.end()) {
      WICK_CHECK(it->second->nbytes() >= static_cast<uint64_t>(numel) * element_size(dtype),
                 "pickle data was corrupt: storage ", key, " reused with a larger size");
      return it->second;
    }
    std::string record = prefix + "data/" + key;
    uint64_t available = zip.size(record);
    WICK_CHECK(static_cast<uint64_t>(numel) <= available / element_size(dtype),
               "pickle data was corrupt: storage ", key, " holds ", available,
               " bytes, fewer than ", numel, " elements of ", dtype);
    size_t nbytes = static_cast<size_t>(numel) * element_size(dtype);
    Storage s = std::make_shared<StorageImpl>(nbytes, Device(kCPU));
    zip.read_into(record, s->data(), nbytes);
    loaded.emplace(key, s);
    return s;
  };
  return unpickle(zip.read(prefix + "data.pkl"), loader);
}

}  // namespace serialize

std::vector<char> pickle_save(const serialize::Value& value) {
  std::string bytes = serialize::save_to_bytes(value);
  return std::vector<char>(bytes.begin(), bytes.end());
}

serialize::Value pickle_load(const std::vector<char>& data) {
  return serialize::load_from_bytes(std::string_view(data.data(), data.size()));
}

void save(const serialize::Value& value, const std::string& path) {
  serialize::save_to_file(value, path);
}

void save(const Tensor& tensor, const std::string& path) { save(serialize::Value(tensor), path); }

void save(const std::vector<Tensor>& tensors, const std::string& path) {
  serialize::Value::List items;
  for (const Tensor& t : tensors) items.emplace_back(t);
  save(serialize::Value::list(std::move(items)), path);
}

void save(const OrderedDict<std::string, Tensor>& dict, const std::string& path) {
  save(serialize::state_dict_to_value(dict), path);
}

serialize::Value load(const std::string& path, const serialize::MapLocation& map_location) {
  return serialize::load_from_bytes(serialize::read_file(path).view(), map_location);
}

void load(Tensor& tensor, const std::string& path) {
  serialize::Value v = load(path);
  WICK_CHECK(v.is_tensor(), "wick::load: expected the file to hold a Tensor, got ",
             serialize::Value::kind_name(v.kind()));
  tensor = v.to_tensor();
}

void load(std::vector<Tensor>& tensors, const std::string& path) {
  serialize::Value v = load(path);
  WICK_CHECK(v.is_list() || v.is_tuple(), "wick::load: expected the file to hold a list of tensors, got ",
             serialize::Value::kind_name(v.kind()));
  std::vector<Tensor> out;
  for (const serialize::Value& x : v.items()) {
    WICK_CHECK(x.is_tensor(), "wick::load: expected a list of tensors, found a ",
               serialize::Value::kind_name(x.kind()));
    out.push_back(x.to_tensor());
  }
  tensors = std::move(out);
}

void load(OrderedDict<std::string, Tensor>& dict, const std::string& path) {
  dict = serialize::state_dict_from_value(load(path));
}

void save(const nn::Module& module, const std::string& path) { save(module.state_dict(), path); }

void load(nn::Module& module, const std::string& path) {
  OrderedDict<std::string, Tensor> state;
  load(state, path);
  module.load_state_dict(state, /*strict=*/true);
}

}  // namespace wick
