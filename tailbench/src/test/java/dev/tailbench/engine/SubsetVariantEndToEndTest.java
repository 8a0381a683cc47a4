package dev.tailbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tailbench.data.CifarBinaryReader;
import dev.tailbench.data.CifarBinaryWriter;
import dev.tailbench.data.CifarFormat;
import dev.tailbench.data.CuiFiles;
import dev.tailbench.data.CuiTfRecords;
import dev.tailbench.data.ImageSet;
import dev.tailbench.data.LongTailProfile;
import dev.tailbench.engine.fixtures.SubsetVariantExperiments;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs on the two published CIFAR-LT subsets, read from files in their real formats (Cui et al.'s
 * TFRecords, CIFAR-10 binary batches for LDAM's draw) generated here with learnable images: a
 * published figure of the run's own protocol is judged as a budget, one of the other variant is
 * reported as not applicable.
 */
class SubsetVariantEndToEndTest {

    @TempDir
    static Path data;

    @TempDir
    static Path results;

    private static EngineExecutionResults run;

    @BeforeAll
    static void trainOnBothVariants() throws IOException {
        int[] cuiCounts = LongTailProfile.exponential(200).counts(5000, 10);
        Path cui = data.resolve(CuiTfRecords.directoryName("cifar-10", 200));
        CuiFiles.write(images(classMajor(cuiCounts), 1), cui.resolve(CuiTfRecords.TRAIN_FILE));
        CuiFiles.write(testImages(2), cui.resolve(CuiTfRecords.EVAL_FILE));

        Path binary = data.resolve(CifarFormat.CIFAR_10.directoryName());
        int[] poolLabels = new int[1000];
        Arrays.setAll(poolLabels, i -> (i * 7) % 10);
        ImageSet pool = images(poolLabels, 3);
        for (int batch = 0; batch < 5; batch++) {
            int[] indices = new int[200];
            int first = batch * 200;
            Arrays.setAll(indices, i -> first + i);
            CifarBinaryWriter.write(pool.subset(indices), CifarFormat.CIFAR_10,
                    binary.resolve(CifarFormat.CIFAR_10.trainFiles().get(batch)));
        }
        CifarBinaryWriter.write(testImages(4), CifarFormat.CIFAR_10,
                binary.resolve(CifarFormat.CIFAR_10.testFiles().get(0)));

        run = EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.DATA_DIR, data.toString())
                .configurationParameter(Constants.RESULTS_DIR, results.toString())
                .configurationParameter(Constants.PROGRESS, "false")
                .selectors(selectClass(SubsetVariantExperiments.Cui.class), selectClass(SubsetVariantExperiments.Cao.class))
                .execute();
    }

    @Test
    void figuresOfTheRunsOwnProtocolAreBudgets() {
        run.testEvents().assertStatistics(stats -> stats.started(3).succeeded(2).failed(1).aborted(0));
        run.testEvents().assertThatEvents().haveExactly(1, event(test("beyondFigure"), finishedWithFailure(
                message(m -> m.contains("published 5.00% on cifar-10 cao IF 10") && m.contains("over by")))));
    }

    @Test
    void cuiRunTrainsOnTheFilesAndReportsTheOtherVariantAsNotApplicable() throws IOException {
        JsonNode json = result("Cui", "crossEntropy");
        assertThat(json.at("/dataset/variant").asText()).isEqualTo("cui");
        assertThat(json.at("/dataset/source").asText()).endsWith("cifar-10-data-im-0.005");
        assertThat(new ObjectMapper().convertValue(json.at("/dataset/trainCounts"), int[].class))
                .containsExactly(5000, 2775, 1540, 854, 474, 263, 146, 81, 45, 25);
        JsonNode paper = json.at("/budget/paper");
        assertThat(paper).hasSize(2);
        assertThat(paper.get(0).get("applicable").asBoolean()).isTrue();
        assertThat(paper.get(0).get("limit").asDouble()).isEqualTo(50.0);
        assertThat(paper.get(1).get("applicable").asBoolean()).isFalse();
        assertThat(paper.get(1).get("mismatches").get(0).asText()).isEqualTo("subset variant cui (paper cao)");
        assertThat(json.at("/verdict/status").asText()).isEqualTo("passed");
    }

    @Test
    void caoRunDrawsLdamsSubsetFromTheBinaryBatches() throws IOException {
        JsonNode json = result("Cao", "crossEntropy");
        assertThat(json.at("/dataset/variant").asText()).isEqualTo("cao");
        assertThat(json.at("/dataset/dataSeed").asLong()).isZero();
        // int(100 * 0.1 ** (c / 9)) per class, as LDAM-DRW computes it.
        assertThat(new ObjectMapper().convertValue(json.at("/dataset/trainCounts"), int[].class))
                .containsExactly(100, 77, 59, 46, 35, 27, 21, 16, 12, 10);
        assertThat(json.at("/budget/paper/0/applicable").asBoolean()).isTrue();
        assertThat(json.at("/verdict/status").asText()).isEqualTo("passed");
    }

    private static JsonNode result(String experiment, String combination) throws IOException {
        return new ObjectMapper().readTree(results.resolve("dev.tailbench.engine.fixtures.SubsetVariantExperiments$" + experiment + "/" + combination + "/seed-1.json").toFile());
    }

    private static int[] classMajor(int[] counts) {
        int[] labels = new int[Arrays.stream(counts).sum()];
        int next = 0;
        for (int c = 0; c < counts.length; c++) {
            for (int k = 0; k < counts[c]; k++) {
                labels[next++] = c;
            }
        }
        return labels;
    }

    /** 50 test images per class; every tenth carries the next class's label, an error no run avoids. */
    private static ImageSet testImages(long seed) {
        int[] colours = classMajor(new int[] {50, 50, 50, 50, 50, 50, 50, 50, 50, 50});
        ImageSet images = images(colours, seed);
        int[] labels = colours.clone();
        for (int i = 0; i < labels.length; i += 10) {
            labels[i] = (labels[i] + 1) % 10;
        }
        return ImageSet.of(images.pixels(), labels, 3, 32, 32, CifarBinaryReader.CIFAR_10_CLASSES);
    }

    /** 32x32 colour images whose class is their colour, plus uniform noise: learnable in one epoch. */
    private static ImageSet images(int[] labels, long seed) {
        int size = CifarFormat.IMAGE_BYTES;
        int plane = size / 3;
        byte[] pixels = new byte[labels.length * size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < labels.length; i++) {
            for (int channel = 0; channel < 3; channel++) {
                int colour = (labels[i] * (channel + 1) * 53) % 200 + 28;
                for (int p = 0; p < plane; p++) {
                    pixels[i * size + channel * plane + p] = (byte) (colour + random.nextInt(-25, 26));
                }
            }
        }
        return ImageSet.of(pixels, labels, 3, 32, 32, CifarBinaryReader.CIFAR_10_CLASSES);
    }
}
