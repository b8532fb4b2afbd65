package cn.lianbao.process;

/**
 * Marks an exception by which Lianbao refuses what a user asked for, with a message in Chinese
 * that says why. {@link RefusalUnwrapping} hands it to the caller as thrown.
 */
public interface Refusal {}
