package dev.keyward.common;

/** Checks a page request from outside and turns it into a row offset that cannot overflow. */
public final class Paging {

    private Paging() {
    }

    /** The first row of {@code page}; refuses a negative page, a size outside 1..{@code maxSize}, or an overflow. */
    public static int offset(int page, int size, int maxSize) {
        if (page < 0 || size < 1 || size > maxSize) {
            throw new InvalidInputException("page must be 0 or more and size between 1 and " + maxSize + ".");
        }
        long offset = (long) page * size;
        if (offset > Integer.MAX_VALUE) {
            throw new InvalidInputException("page " + page + " is beyond any list at size " + size
                    + " (page × size must stay below " + Integer.MAX_VALUE + ").");
        }
        return (int) offset;
    }
}
