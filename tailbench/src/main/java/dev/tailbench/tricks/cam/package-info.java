/**
 * CAM-based sampling (Zhang et al., AAAI 2021) and its ImageTrans ablation: synthetic images
 * generated from a first-stage model when the deferred re-sampling stage starts.
 *
 * <p>Per class, n_max + n_min - n_c images are generated ({@link dev.tailbench.tricks.cam.CamSampling}).
 * Each starts from a uniformly drawn training image of the class; its class activation map for
 * the true label ({@link dev.tailbench.tricks.cam.ClassActivationMaps}, resized like
 * {@code cv2.resize} by {@link dev.tailbench.tricks.cam.BilinearResize}) gives the foreground
 * ({@link dev.tailbench.tricks.cam.ForegroundMasks}); one random transform
 * ({@link dev.tailbench.tricks.cam.RandomTransform}) moves the foreground and leaves the background
 * as it was ({@link dev.tailbench.tricks.cam.ForegroundTransform}). ImageTrans applies the same
 * kinds of transform to the whole image.
 *
 * <p>The images stay on the training device as uint8: the per-pixel work is one gather per batch
 * whose index the host builds from the masks and the transforms, as
 * {@link dev.tailbench.data.device.RandomCropFlip} does for cropping.
 */
package dev.tailbench.tricks.cam;
