package dev.tailbench.report.allure;

import dev.tailbench.api.TrickCatalogue;

/**
 * Where each trick was published, for links in the report: the trick catalogue's references (the
 * addresses the Bag of Tricks authors cite in their code's README and trick gallery,
 * github.com/zhangyongshun/BagofTricks-LT).
 */
final class TrickReferences {

    /** The Bag of Tricks paper itself (Zhang et al., AAAI 2021). */
    static final Reference BAG_OF_TRICKS = new Reference(TrickCatalogue.BAG_OF_TRICKS.title(),
            TrickCatalogue.BAG_OF_TRICKS.url());

    private TrickReferences() {}

    /** The reference of a trick, or {@code null} when it is the Bag of Tricks' own or a plain baseline. */
    static Reference of(String family, String name) {
        return TrickCatalogue.find(family, name).map(TrickCatalogue.Entry::reference)
                .map(reference -> new Reference(reference.title(), reference.url())).orElse(null);
    }

    /** A link: what it is and where. */
    record Reference(String title, String url) {}
}
