/**
 * Decoded images and the ImageNet-style augmentation of the long-tail papers, in plain Java on
 * 8-bit RGB pixels: the arithmetic of the PIL operations torchvision applies to a PIL image
 * (bilinear resampling with PIL's antialiasing filter and fixed-point rounding, ImageEnhance's
 * brightness, contrast and saturation), so that a streamed image is augmented as the papers'
 * {@code DataLoader} workers augment it. Randomness comes from the caller's generator, one per
 * image, so the result does not depend on which worker thread runs it.
 */
package dev.tailbench.data.image;
