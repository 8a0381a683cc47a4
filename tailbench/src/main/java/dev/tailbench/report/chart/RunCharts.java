package dev.tailbench.report.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import dev.tailbench.report.EpochRecord;
import dev.tailbench.report.RunResult;

/**
 * Draws the charts of one run as PNG bytes. Each method returns {@code null} when the result lacks
 * what the chart shows (e.g. a run that failed before its first epoch), so a caller attaches what
 * exists and nothing else.
 */
public final class RunCharts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;

    static {
        // Charts are drawn off-screen; a build machine has no display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private RunCharts() {}

    /** Training loss and test error (left axis) and learning rate (right axis) per epoch. */
    public static byte[] trainingCurve(RunResult result) {
        List<EpochRecord> curve = result.curve();
        if (curve == null || curve.isEmpty()) {
            return null;
        }
        double[] epochs = curve.stream().mapToDouble(EpochRecord::epoch).toArray();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title(result, "training curve"))
                .xAxisTitle("epoch").yAxisTitle("test error % / training loss").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.addSeries("test error %", epochs, curve.stream().mapToDouble(EpochRecord::testError).toArray());
        chart.addSeries("training loss", epochs, curve.stream().mapToDouble(EpochRecord::trainLoss).toArray());
        XYSeries learningRate = chart.addSeries("learning rate", epochs,
                curve.stream().mapToDouble(EpochRecord::learningRate).toArray());
        learningRate.setYAxisGroup(1);
        chart.setYAxisGroupTitle(1, "learning rate");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        return png(chart);
    }

    /**
     * Each class's test accuracy against its number of training images (log axis), classes
     * joined from the most to the least frequent, so the tail's accuracy shows at the left.
     */
    public static byte[] perClassAccuracy(RunResult result) {
        double[] accuracy = result.perClassAccuracy();
        int[] counts = result.dataset() == null ? null : result.dataset().trainCounts();
        if (accuracy == null || counts == null || accuracy.length != counts.length) {
            return null;
        }
        Integer[] byFrequency = IntStream.range(0, counts.length).boxed()
                .sorted(Comparator.comparingInt((Integer c) -> counts[c]).reversed()).toArray(Integer[]::new);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int c : byFrequency) {
            x.add((double) Math.max(1, counts[c]));
            y.add(accuracy[c]);
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title(result, "per-class accuracy against training images"))
                .xAxisTitle("training images of the class (log scale)").yAxisTitle("test accuracy %").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setLegendVisible(false);
        XYSeries series = chart.addSeries("classes, most to least frequent", x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
        return png(chart);
    }

    /** The confusion matrix (rows: true class, columns: predicted class) as a heat map of counts. */
    public static byte[] confusionMatrix(RunResult result) {
        long[][] matrix = result.confusionMatrix();
        if (matrix == null || matrix.length == 0) {
            return null;
        }
        List<String> names = result.dataset() != null && result.dataset().classNames().size() == matrix.length
                ? result.dataset().classNames() : IntStream.range(0, matrix.length).mapToObj(String::valueOf).toList();
        List<Number[]> cells = new ArrayList<>();
        for (int truth = 0; truth < matrix.length; truth++) {
            for (int predicted = 0; predicted < matrix[truth].length; predicted++) {
                // Row 0 at the top, as a confusion matrix is read.
                cells.add(new Number[] {predicted, matrix.length - 1 - truth, matrix[truth][predicted]});
            }
        }
        List<String> reversed = new ArrayList<>(names);
        Collections.reverse(reversed);
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(WIDTH - 100)
                .title(title(result, "confusion matrix (rows: true, columns: predicted)")).build();
        chart.getStyler().setShowValue(matrix.length <= 20);
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setLegendVisible(false);
        chart.addSeries("test images", names, reversed, cells);
        return png(chart);
    }

    /** Many/medium/few-shot accuracy next to the overall accuracy, as bars. */
    public static byte[] shotAccuracy(RunResult result) {
        if (result.shots() == null || result.top1Error() == null) {
            return null;
        }
        List<String> groups = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        add(groups, values, "all", 100 - result.top1Error().last());
        add(groups, values, "many-shot", result.shots().many());
        add(groups, values, "medium-shot", result.shots().medium());
        add(groups, values, "few-shot", result.shots().few());
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title(result, "accuracy by class frequency (last epoch)")).yAxisTitle("test accuracy %").build();
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setLabelsVisible(true);
        chart.addSeries("accuracy", groups, values);
        return png(chart);
    }

    private static void add(List<String> groups, List<Double> values, String group, Double value) {
        if (value != null && !value.isNaN()) {
            groups.add(group);
            values.add(value);
        }
    }

    private static String title(RunResult result, String what) {
        return result.experiment() + "." + result.combination() + " seed " + result.seed() + ": " + what;
    }

    private static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not encode a chart as PNG", e);
        }
    }
}
