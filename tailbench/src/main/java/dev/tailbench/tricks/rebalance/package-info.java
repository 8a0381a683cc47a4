/**
 * Classifier re-balancing after representation learning (Kang et al., ICLR 2020, as
 * BagofTricks-LT runs it): classifier re-training (cRT), learnable weight scaling (LWS) and
 * tau-normalisation; BALMS (Ren et al., NeurIPS 2020: a re-trained head on batches of a learned
 * {@link dev.tailbench.tricks.rebalance.MetaSampler}); post-hoc logit adjustment (Menon et al.,
 * ICLR 2021). {@link dev.tailbench.tricks.rebalance.ClassifierStage#of} maps a
 * {@link dev.tailbench.api.Rebalancing} spec to a stage the trainer runs after its last epoch.
 *
 * <p>Every stage leaves its result in the network's own parameters, so the ordinary forward pass
 * (and with it the trainer's evaluation) needs no change: cRT overwrites the Linear head, LWS
 * folds its per-class scales into the head's rows and bias, tau-normalisation rescales the rows,
 * BALMS overwrites the head, logit adjustment moves the bias.
 *
 * <p>Batch normalisation during cRT, LWS and BALMS follows both reference implementations (BagofTricks-LT
 * {@code train_model} and classifier-balancing {@code run_networks.train} call {@code model.train()}
 * on the frozen backbone): its affine weights and the convolutions are frozen, but the features are
 * computed in training mode, with batch statistics, and the running mean and variance keep moving
 * towards the class-balanced batches' statistics.
 */
package dev.tailbench.tricks.rebalance;
