#!/usr/bin/env bash
# Installs what the GPU tests need on a Debian/Ubuntu machine: the Vulkan loader, Mesa's
# software drivers (lavapipe for Vulkan, llvmpipe for GL/EGL) and the Khronos validation layer.
# Does nothing when they are already installed. Needs root (or sudo) the first time.
set -euo pipefail
if ls /usr/share/vulkan/icd.d/*.json >/dev/null 2>&1 && ldconfig -p | grep -q libvulkan.so.1 \
   && ldconfig -p | grep -q libEGL.so.1 \
   && ls /usr/share/vulkan/explicit_layer.d/VkLayer_khronos_validation.json >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
echo "installing Mesa's software Vulkan/GL drivers (lavapipe, llvmpipe) and the Vulkan validation layer..." >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
  mesa-vulkan-drivers libvulkan1 libegl1 libgl1-mesa-dri vulkan-validationlayers >/dev/null
