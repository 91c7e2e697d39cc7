using System.Buffers;
using System.Numerics;
using RazorLight.Internal.Buffering;

namespace StatusSite.Rendering;

/// <summary>
/// The pages Razor's output buffers are made of, kept per thread for the next render. The shared
/// array pool is generic code over RazorLight's value type, which the compiled tool cannot hold,
/// so every page rented through it ran unoptimized code (2 % of a 10,000-page build).
/// </summary>
internal sealed class ViewBufferPages : ArrayPool<ViewBufferValue>
{
    public static readonly ViewBufferPages Instance = new();

    private const int SmallestPage = 16;

    /// <summary>Free pages by the power of two of their length.</summary>
    [ThreadStatic]
    private static FreePages?[]? t_free;

    private ViewBufferPages()
    {
    }

    public override ViewBufferValue[] Rent(int minimumLength)
    {
        var size = Math.Max(SmallestPage, (int)BitOperations.RoundUpToPowerOf2((uint)minimumLength));
        return t_free?[BitOperations.Log2((uint)size)]?.Take() ?? new ViewBufferValue[size];
    }

    public override void Return(ViewBufferValue[] array, bool clearArray = false)
    {
        if (array.Length < SmallestPage || !BitOperations.IsPow2(array.Length))
        {
            return;
        }

        if (clearArray)
        {
            Array.Clear(array);
        }

        var free = t_free ??= new FreePages?[32];
        (free[BitOperations.Log2((uint)array.Length)] ??= new FreePages()).Keep(array);
    }

    /// <summary>Free pages of one size; a plain array, so no generic collection of the framework is involved.</summary>
    private sealed class FreePages
    {
        /// <summary>Enough for the deepest page the theme renders; more are left to the collector.</summary>
        private readonly ViewBufferValue[][] _pages = new ViewBufferValue[64][];
        private int _count;

        public ViewBufferValue[]? Take() => _count > 0 ? _pages[--_count] : null;

        public void Keep(ViewBufferValue[] page)
        {
            if (_count < _pages.Length)
            {
                _pages[_count++] = page;
            }
        }
    }
}
