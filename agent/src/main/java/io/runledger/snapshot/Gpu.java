package io.runledger.snapshot;


/** A graphics card as the OS reports it. */
public final class Gpu {

    public final String name;
    public final String vendor;
    public final Long vramBytes;

    public Gpu(String name, String vendor, Long vramBytes) {
        this.name = name;
        this.vendor = vendor;
        this.vramBytes = vramBytes;
    }
}
