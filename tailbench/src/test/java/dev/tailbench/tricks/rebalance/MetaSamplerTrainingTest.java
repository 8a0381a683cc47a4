package dev.tailbench.tricks.rebalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import dev.tailbench.api.Rebalancing;
import dev.tailbench.data.device.DeviceImages;
import dev.tailbench.data.device.RandomCropFlip;
import dev.tailbench.model.CifarResNet;

import org.junit.jupiter.api.Test;

/** BALMS: a re-initialised head trained with balanced softmax on batches of the learned meta sampler. */
class MetaSamplerTrainingTest {

    @Test
    void trainsOnlyTheHeadAndRecordsTheSamplersRates() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet network = Fixtures.network(manager, 3, 5);
            DeviceImages data = Fixtures.separableImages(manager, 3, 4, 7);
            ParameterStore store = Fixtures.store(manager);
            Fixtures.requireGradients(network);
            Map<String, float[]> before = Fixtures.snapshot(network);
            Map<String, Parameter.Type> types = Fixtures.types(network);
            int arrays = manager.getManagedArrays().size();
            List<StageEpoch> epochs = new ArrayList<>();

            ClassifierStage stage = ClassifierStage.of(Rebalancing.balancedMetaSoftmax(2, 5, 0.1, 5e-4, 0.05, 6, 0.3), 4,
                    new int[] {4, 4, 4});
            assertThat(stage).isInstanceOf(MetaSamplerTraining.class);
            assertThat(stage.sampler().name()).isEqualTo("meta");
            assertThat(stage.sampler().parameters()).containsEntry("metaBatchSize", 6.0);
            assertThat(stage.details()).isEmpty();
            stage.run(network, store, data, null, new RandomCropFlip(1, true, Fixtures.MEAN, Fixtures.STD),
                    Fixtures.random(), epochs::add);

            Map<String, float[]> after = Fixtures.snapshot(network);
            java.util.Set<String> classifier = Fixtures.classifierPaths(network);
            for (String name : before.keySet()) {
                Parameter.Type type = types.get(name);
                if (classifier.contains(name)) {
                    assertThat(after.get(name)).as(name).isNotEqualTo(before.get(name));
                }
                else if (type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR) {
                    assertThat(after.get(name)).as(name).isEqualTo(before.get(name));
                }
            }
            assertThat(Fixtures.backboneGradient(network)).isZero();
            // 12 images in the stage's own batches of 5 (not the run's 4): 2 steps an epoch.
            assertThat(epochs).extracting(StageEpoch::images).containsExactly(10, 10);
            // cosine annealing to 0 over the 2 epochs, set before each: 0.1 (1 + cos(pi / 2)) / 2, then 0
            assertThat(epochs.get(0).learningRate()).isCloseTo(0.05, within(1e-12));
            assertThat(epochs.get(1).learningRate()).isCloseTo(0.0, within(1e-12));
            assertThat(epochs).allSatisfy(epoch -> assertThat(epoch.meanLoss()).isPositive().isFinite());
            double[] initial = (double[]) stage.details().get("metaSamplerInitialClassProbabilities");
            double[] learned = (double[]) stage.details().get("metaSamplerLearnedClassProbabilities");
            // Equal counts: every initial weight is the same, so the start is uniform.
            assertThat(initial).containsExactly(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, within(1e-6));
            assertThat(learned).isNotEqualTo(initial);
            assertThat(learned[0] + learned[1] + learned[2]).isCloseTo(1.0, within(1e-9));
            // Nothing the stage made outlives it: batches, the sampler, momentum buffers.
            assertThat(manager.getManagedArrays()).hasSize(arrays);
        }
    }
}
