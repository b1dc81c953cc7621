#include "store/audit_sha256.h"

#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <mutex>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>
#define DOCKET_SHA_NI 1
#endif

namespace docket {

namespace {

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    // -1 means the library could not initialise; nothing in libsodium may be used then.
    if (sodium_init() < 0) std::abort();
  });
}

#ifdef DOCKET_SHA_NI

bool CpuHasShaNi() {
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return false;
  const bool ssse3 = (c & (1u << 9)) != 0;
  const bool sse41 = (c & (1u << 19)) != 0;
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
  const bool sha = (b & (1u << 29)) != 0;
  return ssse3 && sse41 && sha;
}

alignas(16) const std::uint32_t kK[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2};

// Message words 4i..4i+3 of a block, as big-endian 32-bit integers.
__attribute__((target("sha,sse4.1,ssse3"), always_inline)) inline __m128i Load(
    const std::uint8_t* block, int i, __m128i byte_swap) {
  return _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * i)),
                          byte_swap);
}

// Four rounds (4g..4g+3) with the message words w.
__attribute__((target("sha,sse4.1,ssse3"), always_inline)) inline void Rounds(
    __m128i& state0, __m128i& state1, __m128i w, int g) {
  __m128i msg = _mm_add_epi32(w, _mm_load_si128(reinterpret_cast<const __m128i*>(&kK[4 * g])));
  state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
  msg = _mm_shuffle_epi32(msg, 0x0E);
  state0 = _mm_sha256rnds2_epu32(state0, state1, msg);
}

// Replaces w0 = W[t-16..t-13] by W[t..t+3], given w1 = W[t-12..], w2 = W[t-8..], w3 = W[t-4..].
__attribute__((target("sha,sse4.1,ssse3"), always_inline)) inline void Schedule(
    __m128i& w0, __m128i w1, __m128i w2, __m128i w3) {
  __m128i t = _mm_sha256msg1_epu32(w0, w1);
  t = _mm_add_epi32(t, _mm_alignr_epi8(w3, w2, 4));  // + W[t-7..t-4]
  w0 = _mm_sha256msg2_epu32(t, w3);
}

// FIPS 180-4 compression of `blocks` 64-byte blocks with the SHA-NI instructions. The
// state is kept as the two registers the instructions want (ABEF, CDGH); the message
// schedule W[t] for t >= 16 is sha256msg2(sha256msg1(W[t-16..], W[t-12..]) + W[t-7..], W[t-4..]).
__attribute__((target("sha,sse4.1,ssse3"))) void CompressShaNi(std::uint32_t state[8],
                                                              const std::uint8_t* data,
                                                              std::size_t blocks) {
  const __m128i kByteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i tmp = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&state[0]));  // ABCD
  __m128i state1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&state[4]));  // EFGH
  tmp = _mm_shuffle_epi32(tmp, 0xB1);              // CDAB
  state1 = _mm_shuffle_epi32(state1, 0x1B);        // EFGH reversed
  __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);  // ABEF
  state1 = _mm_blend_epi16(state1, tmp, 0xF0);       // CDGH

  for (; blocks > 0; --blocks, data += 64) {
    const __m128i abef = state0;
    const __m128i cdgh = state1;
    __m128i w0 = Load(data, 0, kByteSwap);
    __m128i w1 = Load(data, 1, kByteSwap);
    __m128i w2 = Load(data, 2, kByteSwap);
    __m128i w3 = Load(data, 3, kByteSwap);
    Rounds(state0, state1, w0, 0);
    Rounds(state0, state1, w1, 1);
    Rounds(state0, state1, w2, 2);
    Rounds(state0, state1, w3, 3);
    for (int g = 4; g < 16; g += 4) {
      Schedule(w0, w1, w2, w3);
      Rounds(state0, state1, w0, g);
      Schedule(w1, w2, w3, w0);
      Rounds(state0, state1, w1, g + 1);
      Schedule(w2, w3, w0, w1);
      Rounds(state0, state1, w2, g + 2);
      Schedule(w3, w0, w1, w2);
      Rounds(state0, state1, w3, g + 3);
    }
    state0 = _mm_add_epi32(state0, abef);
    state1 = _mm_add_epi32(state1, cdgh);
  }

  tmp = _mm_shuffle_epi32(state0, 0x1B);        // FEBA
  state1 = _mm_shuffle_epi32(state1, 0xB1);     // DCHG
  state0 = _mm_blend_epi16(tmp, state1, 0xF0);  // DCBA
  state1 = _mm_alignr_epi8(state1, tmp, 8);     // HGFE
  _mm_storeu_si128(reinterpret_cast<__m128i*>(&state[0]), state0);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(&state[4]), state1);
}

// SHA-256 of the concatenation of `a` and `b`, without copying them together.
Sha256Digest Sha256ShaNi(std::string_view a, std::string_view b) {
  std::uint32_t state[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                            0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::uint8_t last[128] = {};
  std::size_t fill = 0;  // bytes waiting in `last`
  for (std::string_view piece : {a, b}) {
    if (piece.empty()) continue;  // its data() may be null, which memcpy must not see
    const auto* p = reinterpret_cast<const std::uint8_t*>(piece.data());
    std::size_t n = piece.size();
    if (fill > 0) {
      const std::size_t take = std::min<std::size_t>(64 - fill, n);
      std::memcpy(last + fill, p, take);
      fill += take;
      p += take;
      n -= take;
      if (fill < 64) continue;  // the piece is used up
      CompressShaNi(state, last, 1);
      fill = 0;
    }
    const std::size_t full = n / 64;
    CompressShaNi(state, p, full);
    fill = n - full * 64;
    if (fill > 0) std::memcpy(last, p + full * 64, fill);
  }
  std::memset(last + fill, 0, sizeof last - fill);
  last[fill] = 0x80;
  const std::size_t tail_blocks = fill < 56 ? 1 : 2;
  const std::uint64_t bits = static_cast<std::uint64_t>(a.size() + b.size()) * 8;
  for (int i = 0; i < 8; ++i) {
    last[tail_blocks * 64 - 1 - i] = static_cast<std::uint8_t>(bits >> (8 * i));
  }
  CompressShaNi(state, last, tail_blocks);
  Sha256Digest out;
  for (int i = 0; i < 8; ++i) {
    out[4 * i] = static_cast<std::uint8_t>(state[i] >> 24);
    out[4 * i + 1] = static_cast<std::uint8_t>(state[i] >> 16);
    out[4 * i + 2] = static_cast<std::uint8_t>(state[i] >> 8);
    out[4 * i + 3] = static_cast<std::uint8_t>(state[i]);
  }
  return out;
}

const bool kHasShaNi = CpuHasShaNi();

#else

const bool kHasShaNi = false;

#endif

}  // namespace

Sha256Digest Sha256Portable(std::string_view data) {
  EnsureSodium();
  Sha256Digest out;
  crypto_hash_sha256(out.data(), reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return out;
}

Sha256Digest Sha256(std::string_view data) { return Sha256(data, {}); }

Sha256Digest Sha256(std::string_view a, std::string_view b) {
#ifdef DOCKET_SHA_NI
  if (kHasShaNi) return Sha256ShaNi(a, b);
#endif
  EnsureSodium();
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(a.data()), a.size());
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(b.data()), b.size());
  Sha256Digest out;
  crypto_hash_sha256_final(&st, out.data());
  return out;
}

bool Sha256UsesCpuInstructions() { return kHasShaNi; }

void HexDigest(const Sha256Digest& digest, char* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < digest.size(); ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 0xF];
  }
}

bool IsHexOf(const Sha256Digest& digest, std::string_view hex) {
  // Each byte's two digits, looked up at once.
  static const auto kPairs = [] {
    std::array<char, 512> t{};
    static constexpr char kHex[] = "0123456789abcdef";
    for (int i = 0; i < 256; ++i) {
      t[2 * i] = kHex[i >> 4];
      t[2 * i + 1] = kHex[i & 0xF];
    }
    return t;
  }();
  if (hex.size() != 64) return false;
  char text[64];
  for (std::size_t i = 0; i < 32; ++i) std::memcpy(text + 2 * i, &kPairs[2 * digest[i]], 2);
  return std::memcmp(text, hex.data(), 64) == 0;
}

bool ParseHexDigest(std::string_view hex, Sha256Digest* digest) {
  static const auto kValue = [] {
    std::array<std::int8_t, 256> t{};
    t.fill(-1);
    for (int i = 0; i < 10; ++i) t['0' + i] = static_cast<std::int8_t>(i);
    for (int i = 0; i < 6; ++i) t['a' + i] = static_cast<std::int8_t>(10 + i);
    return t;
  }();
  if (hex.size() != 64) return false;
  int bad = 0;
  for (std::size_t i = 0; i < 32; ++i) {
    const int hi = kValue[static_cast<unsigned char>(hex[2 * i])];
    const int lo = kValue[static_cast<unsigned char>(hex[2 * i + 1])];
    bad |= hi | lo;  // negative if either is not a digit
    (*digest)[i] = static_cast<std::uint8_t>(((static_cast<unsigned>(hi) & 0xF) << 4) | (static_cast<unsigned>(lo) & 0xF));
  }
  return bad >= 0;
}

std::string HexDigest(const Sha256Digest& digest) {
  std::string out(64, '\0');
  HexDigest(digest, out.data());
  return out;
}

}  // namespace docket
