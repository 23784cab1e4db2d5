{
  # The recurrent kernels addon. Target-level flag lists are added to target_defaults' ones.
  # The x64 build compiles the kernels three times (baseline,
  # AVX2+FMA, AVX-512) as separate static libraries and picks one at run time (cpu_dispatch.cc);
  # nothing is compiled for the build machine's own CPU. Eigen's headers come from deps/eigen,
  # which set-up extracts from the TensorFlow wheel (see README.md).
  "variables": {
    "eigen_dir%": "deps/eigen"
  },
  "target_defaults": {
    "include_dirs": [
      "<!(node -p \"require('node-addon-api').include_dir\")",
      "<(eigen_dir)"
    ],
    "defines": ["NAPI_VERSION=8", "NAPI_DISABLE_CPP_EXCEPTIONS", "EIGEN_MPL2_ONLY"],
    "cflags_cc": ["-std=c++17", "-O3", "-fPIC", "-fno-math-errno", "-Wno-maybe-uninitialized"],
    "cflags_cc!": ["-std=gnu++14", "-std=gnu++17", "-fno-rtti"],
    "xcode_settings": {
      "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
      "MACOSX_DEPLOYMENT_TARGET": "11.0",
      "OTHER_CPLUSPLUSFLAGS": ["-O3", "-fno-math-errno"]
    },
    "msvs_settings": {
      "VCCLCompilerTool": { "AdditionalOptions": ["/std:c++17", "/O2", "/bigobj"] }
    },
    "conditions": [
      ["target_arch=='x64' or target_arch=='ia32'", { "defines": ["RNN_HAVE_X86_VARIANTS"] }]
    ]
  },
  "targets": [
    {
      "target_name": "rnn_kernels",
      "sources": [
        "src/adam.cc",
        "src/addon.cc",
        "src/arguments.cc",
        "src/buffer_pool.cc",
        "src/cpu_dispatch.cc",
        "src/parallel.cc",
        "src/sizes.cc",
        "src/variant_generic.cc"
      ],
      "conditions": [
        ["target_arch=='x64' or target_arch=='ia32'", { "dependencies": ["rnn_kernels_avx2", "rnn_kernels_avx512"] }]
      ]
    }
  ],
  "conditions": [
    ["target_arch=='x64' or target_arch=='ia32'", {
      "targets": [
        {
          "target_name": "rnn_kernels_avx2",
          "type": "static_library",
          "sources": ["src/variant_avx2.cc"],
          "cflags_cc": ["-mavx2", "-mfma", "-mf16c"],
          "xcode_settings": { "OTHER_CPLUSPLUSFLAGS": ["-mavx2", "-mfma", "-mf16c"] },
          "msvs_settings": {
            "VCCLCompilerTool": { "AdditionalOptions": ["/arch:AVX2"] }
          }
        },
        {
          "target_name": "rnn_kernels_avx512",
          "type": "static_library",
          "sources": ["src/variant_avx512.cc"],
          "cflags_cc": ["-mavx2", "-mfma", "-mf16c", "-mavx512f", "-mavx512vl", "-mavx512dq", "-mavx512bw"],
          "xcode_settings": {
            "OTHER_CPLUSPLUSFLAGS": ["-mavx2", "-mfma", "-mf16c", "-mavx512f", "-mavx512vl", "-mavx512dq", "-mavx512bw"]
          },
          "msvs_settings": {
            "VCCLCompilerTool": { "AdditionalOptions": ["/arch:AVX512"] }
          }
        }
      ]
    }]
  ]
}
