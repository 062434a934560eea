using System.Globalization;
using System.Text;
using EdgeFactory.Mqtt;

// Usage: HOST PORT CLIENT_ID WILL_TOPIC WILL_PAYLOAD. Connects with that will, prints "connected", waits to be killed.
var options = new MqttClientOptions
{
    Host = args[0],
    Port = int.Parse(args[1], CultureInfo.InvariantCulture),
    ClientId = args[2],
    KeepAlive = TimeSpan.FromSeconds(5),
    Will = new MqttWill(args[3], Encoding.UTF8.GetBytes(args[4]), MqttQos.AtLeastOnce, Retain: false),
};
await using var client = new MqttClient(options);
await client.ConnectAsync(CancellationToken.None);
Console.WriteLine("connected");
await Task.Delay(Timeout.Infinite);
