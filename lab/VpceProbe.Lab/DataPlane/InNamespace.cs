namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// Runs code on a fresh thread that has entered a network namespace. A socket belongs to the namespace of
/// the thread that created it, so listeners and outgoing sockets for lab namespaces are made here. The
/// thread ends afterwards, so no pool thread is ever left in a lab namespace.
/// </summary>
internal static class InNamespace
{
    public static T Run<T>(string namespaceName, Func<T> action)
    {
        T? result = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                Native.EnterNetworkNamespace(namespaceName);
                result = action();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or LabCommandException or System.Net.Sockets.SocketException)
            {
                failure = e;
            }
        })
        { IsBackground = true, Name = $"netns {namespaceName}" };
        thread.Start();
        thread.Join();
        return failure is null
            ? result!
            : throw new LabCommandException($"in namespace {namespaceName}: {failure.Message}", failure);
    }
}
