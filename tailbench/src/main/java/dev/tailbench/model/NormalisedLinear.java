package dev.tailbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A cosine classifier: logits normalise(x) normalise(W)^T, the cosine similarity of each input
 * row with each class's weight row, in [-1, 1] and without a bias. LDAM needs it (the reference
 * code's {@code FCNorm}) so that its scale s, not the growth of the weight norms, sets the range
 * of the logits. A vector is normalised as x / max(|x|, 1e-12), PyTorch's {@code F.normalize}.
 *
 * <p>The weight, {@code units x inputFeatures}, starts as {@code FCNorm}'s does
 * ({@link UnitColumnInitializer}).
 */
public final class NormalisedLinear extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final double NORM_FLOOR = 1e-12;

    private final long units;
    private final Parameter weight;

    /**
     * @param units number of outputs (classes)
     */
    public NormalisedLinear(long units) {
        super(VERSION);
        if (units < 1) {
            throw new IllegalArgumentException("units must be >= 1, got " + units);
        }
        this.units = units;
        weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optInitializer(new UnitColumnInitializer())
                .build());
    }

    /** @return the number of outputs */
    public long getUnits() {
        return units;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        int lastAxis = x.getShape().dimension() - 1;
        return Linear.linear(x.normalize(2, lastAxis, NORM_FLOOR), w.normalize(2, 1, NORM_FLOOR));
    }

    /** {@inheritDoc} */
    @Override
    public void prepare(Shape[] inputShapes) {
        Shape input = inputShapes[0];
        weight.setShape(new Shape(units, input.get(input.dimension() - 1)));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape input = inputShapes[0];
        return new Shape[] {input.slice(0, input.dimension() - 1).add(units)};
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "NormalisedLinear(" + units + ")";
    }
}
