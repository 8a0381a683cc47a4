package dev.tailbench.report.allure;

import java.util.Map;

/**
 * Where each trick was published, for links in the report. The addresses are the ones the Bag of
 * Tricks authors cite in their code's README and trick gallery (github.com/zhangyongshun/BagofTricks-LT).
 */
final class TrickReferences {

    /** The Bag of Tricks paper itself (Zhang et al., AAAI 2021). */
    static final Reference BAG_OF_TRICKS = new Reference("Bag of Tricks (Zhang et al., AAAI 2021)",
            "https://cs.nju.edu.cn/wujx/paper/AAAI2021_Tricks.pdf");

    private static final Reference CUI = arxiv("Class-balanced loss (Cui et al., CVPR 2019)", "1901.05555");
    private static final Reference KANG = arxiv("Decoupling (Kang et al., ICLR 2020)", "1910.09217");

    private static final Reference LOGIT_ADJUSTMENT = arxiv("Logit adjustment (Menon et al., ICLR 2021)", "2007.07314");

    /** By "family/name" as in the recipe, e.g. {@code loss/focal}. */
    private static final Map<String, Reference> BY_TRICK = Map.ofEntries(
            Map.entry("loss/focal", arxiv("Focal loss (Lin et al., ICCV 2017)", "1708.02002")),
            Map.entry("loss/cost-sensitive-focal", arxiv("Focal loss (Lin et al., ICCV 2017)", "1708.02002")),
            Map.entry("loss/class-balanced", CUI),
            Map.entry("loss/class-balanced-focal", CUI),
            Map.entry("loss/label-smoothing", arxiv("Label smoothing (Szegedy et al., CVPR 2016)", "1512.00567")),
            Map.entry("loss/label-aware-smoothing", arxiv("Label-aware smoothing (Zhong et al., CVPR 2021)", "2104.00466")),
            Map.entry("loss/ldam", arxiv("LDAM (Cao et al., NeurIPS 2019)", "1906.07413")),
            Map.entry("loss/cdt", arxiv("CDT (Ye et al., 2020)", "2001.01385")),
            Map.entry("loss/balanced-softmax", arxiv("Balanced softmax (Ren et al., NeurIPS 2020)", "2007.10740")),
            Map.entry("loss/softmax-equalization", arxiv("Equalization loss (Tan et al., CVPR 2020)", "2003.05176")),
            Map.entry("sampler/reverse", arxiv("BBN (Zhou et al., CVPR 2020)", "1912.02413")),
            Map.entry("sampler/bbn-style", arxiv("BBN (Zhou et al., CVPR 2020)", "1912.02413")),
            Map.entry("mixup/input", arxiv("mixup (Zhang et al., ICLR 2018)", "1710.09412")),
            Map.entry("mixup/manifold", arxiv("Manifold mixup (Verma et al., ICML 2019)", "1806.05236")),
            Map.entry("mixup/remix", arxiv("Remix (Chou et al., ECCV 2020 workshops)", "2007.03943")),
            Map.entry("rebalancing/crt", KANG),
            Map.entry("rebalancing/lws", KANG),
            Map.entry("rebalancing/tau-norm", KANG),
            Map.entry("loss/logit-adjusted", LOGIT_ADJUSTMENT),
            Map.entry("loss/equalization", arxiv("Equalization loss (Tan et al., CVPR 2020)", "2003.05176")),
            Map.entry("loss/equalization-v2", arxiv("Equalization loss v2 (Tan et al., CVPR 2021)", "2012.08548")),
            Map.entry("loss/class-rectification",
                    arxiv("Class rectification loss (Dong et al., TPAMI 2018)", "1804.10851")),
            Map.entry("rebalancing/logit-adjustment", LOGIT_ADJUSTMENT));

    private TrickReferences() {}

    /** The reference of a trick, or {@code null} when it is the Bag of Tricks' own or a plain baseline. */
    static Reference of(String family, String name) {
        return BY_TRICK.get(family + "/" + name);
    }

    private static Reference arxiv(String title, String id) {
        return new Reference(title, "https://arxiv.org/abs/" + id);
    }

    /** A link: what it is and where. */
    record Reference(String title, String url) {}
}
