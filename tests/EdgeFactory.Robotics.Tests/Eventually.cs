namespace EdgeFactory.Robotics.Tests;

/// <summary>Waits for a condition that another thread makes true (a behaviour, not a timing: the limit only ends a failed test).</summary>
internal static class Eventually
{
    public static void True(Func<bool> condition, string what, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail($"Never happened: {what}");
            }

            Thread.Sleep(1);
        }
    }
}
