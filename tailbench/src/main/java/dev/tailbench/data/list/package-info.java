/**
 * The large long-tail benchmarks as lists of image files: ImageNet-LT, Places-LT and a user's own
 * data in the "relative/path.jpg label" list form ({@link dev.tailbench.data.list.ImageListFile}),
 * iNaturalist 2018 in its COCO-style annotation files ({@link dev.tailbench.data.list.CocoAnnotations}),
 * and a folder per class ({@link dev.tailbench.data.list.ClassFolders}). A reader returns an
 * {@link dev.tailbench.data.list.ImageList}: which file, which class, in the file's order. Pixels
 * are decoded later, by whoever streams the images; nothing here needs DJL.
 */
package dev.tailbench.data.list;
