/**
 * Network architectures for the long-tail experiments: the CIFAR ResNet family (ResNet-8/20/32
 * with the parameter-free option-A shortcut), the ImageNet ResNets of the large benchmarks
 * (ResNet-10, ResNet-50 and ResNeXt-50 32x4d with a 7x7 stem and projection shortcuts), the cosine
 * classifier head LDAM trains with, and a small name-based registry of backbones.
 *
 * <p>Every network exposes its feature extractor and classifier separately so that class
 * activation maps and manifold mixup can work on the intermediate feature maps.
 */
package dev.tailbench.model;
