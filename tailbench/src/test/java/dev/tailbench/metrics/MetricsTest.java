package dev.tailbench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {

    /** 3 classes, 2 test images each: class 0 all right, class 1 one right, class 2 none right. */
    private static ConfusionMatrix confusion() {
        ConfusionMatrix confusion = new ConfusionMatrix(3);
        confusion.add(new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 0, 1, 0, 1, 0});
        return confusion;
    }

    @Test
    void top1ErrorAndPerClassAccuracy() {
        ConfusionMatrix confusion = confusion();
        assertThat(confusion.total()).isEqualTo(6);
        assertThat(confusion.correct()).isEqualTo(3);
        assertThat(confusion.top1Error()).isEqualTo(50.0);
        assertThat(confusion.perClassAccuracy()).containsExactly(100.0, 50.0, 0.0);
        assertThat(confusion.counts()[2]).containsExactly(1, 1, 0);
    }

    @Test
    void absoluteThresholdsFollowTheField() {
        ShotThresholds field = ShotThresholds.absolute();
        assertThat(field.group(101)).isEqualTo(ShotGroup.MANY);
        assertThat(field.group(100)).isEqualTo(ShotGroup.MEDIUM);
        assertThat(field.group(20)).isEqualTo(ShotGroup.MEDIUM);
        assertThat(field.group(19)).isEqualTo(ShotGroup.FEW);
    }

    @Test
    void scaledThresholdsMatchTheFieldOnCifarAndScaleElsewhere() {
        assertThat(ShotThresholds.scaled(500).many()).isEqualTo(100.0);
        assertThat(ShotThresholds.scaled(500).few()).isEqualTo(20.0);
        ShotThresholds fashion = ShotThresholds.scaled(6000);
        assertThat(fashion.many()).isEqualTo(1200.0);
        assertThat(fashion.few()).isEqualTo(240.0);
        assertThat(fashion.group(1293)).isEqualTo(ShotGroup.MANY);
        assertThat(fashion.group(775)).isEqualTo(ShotGroup.MEDIUM);
        assertThat(fashion.group(167)).isEqualTo(ShotGroup.FEW);
    }

    @Test
    void shotAccuracyPoolsTheTestImagesOfEachGroup() {
        // Training counts 500 / 50 / 5: one class per group under the absolute thresholds.
        ShotAccuracy shots = ShotAccuracy.of(confusion(), new int[] {500, 50, 5}, ShotThresholds.absolute());
        assertThat(shots.many()).isEqualTo(100.0);
        assertThat(shots.medium()).isEqualTo(50.0);
        assertThat(shots.few()).isEqualTo(0.0);
        assertThat(shots.fewClasses()).containsExactly(2);

        ShotAccuracy noFew = ShotAccuracy.of(confusion(), new int[] {500, 500, 50}, ShotThresholds.absolute());
        assertThat(noFew.many()).isCloseTo(75.0, within(1e-12));
        assertThat(noFew.few()).isNull();
    }
}
