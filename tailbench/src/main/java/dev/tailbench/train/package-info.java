/**
 * Training utilities shared by the experiment loops: an optimizer that reproduces PyTorch's
 * {@code torch.optim.SGD(nesterov=True)} exactly, and small helpers around DJL's
 * {@link ai.djl.training.ParameterStore} and gradient collection.
 */
package dev.tailbench.train;
