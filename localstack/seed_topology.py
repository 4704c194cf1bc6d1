#!/usr/bin/env python3
"""Seed a lab topology (lab/topologies/*.json) into an AWS endpoint: LocalStack, moto, or the lab.

The topology file is the one definition of the walkthrough's VPC; `vpceprobe lab up` applies the same
file through the .NET SDK. This script is what LocalStack runs at READY (localstack/init/ready.d) and
what you can run by hand against any emulator:

    python3 localstack/seed_topology.py --endpoint-url http://localhost:4566 lab/topologies/walkthrough.json

It prints one JSON object on stdout: kind -> name -> id of everything it created. It never prints
secret values. Only boto3 is needed (LocalStack's own interpreter has it; so does moto's).
"""
import argparse
import fnmatch
import json
import os
import sys

import boto3


def client(service, endpoint, region):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "test"),
        aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "test"),
    )


def name_tags(resource_type, name):
    return [{"ResourceType": resource_type, "Tags": [{"Key": "Name", "Value": name}]}]


class Seeder:
    def __init__(self, topology, endpoint, image_id=None):
        self.t = topology
        region = topology["region"]
        self.ec2 = client("ec2", endpoint, region)
        self.iam = client("iam", endpoint, region)
        self.s3 = client("s3", endpoint, region)
        self.secrets = client("secretsmanager", endpoint, region)
        self.image_id = image_id
        self.made = {}

    def add(self, kind, name, ident):
        self.made.setdefault(kind, {})[name] = ident

    def id(self, kind, name):
        return self.made[kind][name]

    def seed(self):
        self.network()
        self.security_groups()
        self.roles()
        self.instances()
        self.endpoints()
        self.data()
        return self.made

    def network(self):
        t, ec2 = self.t, self.ec2
        vpc = ec2.create_vpc(CidrBlock=t["vpc"]["cidr"], TagSpecifications=name_tags("vpc", t["vpc"]["name"]))["Vpc"]
        vpc_id = vpc["VpcId"]
        self.add("vpc", t["vpc"]["name"], vpc_id)
        # AWS takes one attribute per ModifyVpcAttribute call.
        ec2.modify_vpc_attribute(VpcId=vpc_id, EnableDnsSupport={"Value": t["vpc"]["enableDnsSupport"]})
        ec2.modify_vpc_attribute(VpcId=vpc_id, EnableDnsHostnames={"Value": t["vpc"]["enableDnsHostnames"]})

        igw = t.get("internetGateway")
        if igw:
            created = ec2.create_internet_gateway(TagSpecifications=name_tags("internet-gateway", igw["name"]))
            igw_id = created["InternetGateway"]["InternetGatewayId"]
            ec2.attach_internet_gateway(InternetGatewayId=igw_id, VpcId=vpc_id)
            self.add("internet-gateway", igw["name"], igw_id)

        for subnet in t["subnets"]:
            created = ec2.create_subnet(
                VpcId=vpc_id, CidrBlock=subnet["cidr"], AvailabilityZone=subnet["availabilityZone"],
                TagSpecifications=name_tags("subnet", subnet["name"]))
            self.add("subnet", subnet["name"], created["Subnet"]["SubnetId"])

        for nat in t.get("natGateways", []):
            eip = ec2.allocate_address(Domain="vpc")
            created = ec2.create_nat_gateway(
                SubnetId=self.id("subnet", nat["subnet"]), AllocationId=eip["AllocationId"],
                TagSpecifications=name_tags("natgateway", nat["name"]))
            self.add("nat-gateway", nat["name"], created["NatGateway"]["NatGatewayId"])

        for table in t.get("routeTables", []):
            rt = ec2.create_route_table(VpcId=vpc_id, TagSpecifications=name_tags("route-table", table["name"]))
            rt_id = rt["RouteTable"]["RouteTableId"]
            self.add("route-table", table["name"], rt_id)
            for route in table["routes"]:
                target = {}
                if route.get("internetGateway"):
                    target["GatewayId"] = self.id("internet-gateway", route["internetGateway"])
                if route.get("natGateway"):
                    target["NatGatewayId"] = self.id("nat-gateway", route["natGateway"])
                ec2.create_route(RouteTableId=rt_id, DestinationCidrBlock=route["destination"], **target)

        for subnet in t["subnets"]:
            if subnet.get("routeTable"):
                ec2.associate_route_table(
                    RouteTableId=self.id("route-table", subnet["routeTable"]), SubnetId=self.id("subnet", subnet["name"]))

    def security_groups(self):
        vpc_id = self.id("vpc", self.t["vpc"]["name"])
        for group in self.t.get("securityGroups", []):
            sg = self.ec2.create_security_group(GroupName=group["name"], Description=group["description"], VpcId=vpc_id)
            self.add("security-group", group["name"], sg["GroupId"])
            rules = [{
                "IpProtocol": r["protocol"], "FromPort": r["fromPort"], "ToPort": r["toPort"],
                "IpRanges": [{"CidrIp": r["cidr"]}],
            } for r in group.get("ingress", [])]
            if rules:
                self.ec2.authorize_security_group_ingress(GroupId=sg["GroupId"], IpPermissions=rules)

    def roles(self):
        for role in self.t.get("roles", []):
            trust = {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"Service": role["trustedService"]}, "Action": "sts:AssumeRole"}],
            }
            created = self.iam.create_role(RoleName=role["name"], AssumeRolePolicyDocument=json.dumps(trust))
            self.add("role", role["name"], created["Role"]["Arn"])
            self.iam.put_role_policy(RoleName=role["name"], PolicyName=f"{role['name']}-policy", PolicyDocument=json.dumps(role["policy"]))
            profile = self.iam.create_instance_profile(InstanceProfileName=role["instanceProfile"])
            self.iam.add_role_to_instance_profile(InstanceProfileName=role["instanceProfile"], RoleName=role["name"])
            self.add("instance-profile", role["instanceProfile"], profile["InstanceProfile"]["Arn"])

    def image_for(self, pattern):
        if self.image_id:
            return self.image_id
        images = self.ec2.describe_images(Filters=[{"Name": "name", "Values": [pattern]}])["Images"]
        if not images:
            # Some emulators ignore name filters with wildcards: match here instead.
            images = [i for i in self.ec2.describe_images()["Images"] if fnmatch.fnmatch(i.get("Name", ""), pattern)]
        if not images:
            sys.exit(f"no image matches {pattern}; pass --image-id (LocalStack's docker VM manager needs a docker-backed AMI)")
        return images[0]["ImageId"]

    def instances(self):
        for inst in self.t.get("instances", []):
            run = self.ec2.run_instances(
                ImageId=self.image_for(inst["imageNamePattern"]), InstanceType=inst["instanceType"], MinCount=1, MaxCount=1,
                SubnetId=self.id("subnet", inst["subnet"]), PrivateIpAddress=inst["privateIp"],
                SecurityGroupIds=[self.id("security-group", g) for g in inst.get("securityGroups", [])],
                IamInstanceProfile={"Name": inst["instanceProfile"]},
                TagSpecifications=name_tags("instance", inst["name"]))
            self.add("instance", inst["name"], run["Instances"][0]["InstanceId"])

    def endpoints(self):
        vpc_id = self.id("vpc", self.t["vpc"]["name"])
        for ep in self.t.get("endpoints", []):
            args = {
                "VpcId": vpc_id, "VpcEndpointType": ep["type"],
                "ServiceName": f"com.amazonaws.{self.t['region']}.{ep['service']}",
            }
            if ep["type"] == "Interface":
                args["SubnetIds"] = [self.id("subnet", s) for s in ep.get("subnets", [])]
                args["SecurityGroupIds"] = [self.id("security-group", g) for g in ep.get("securityGroups", [])]
                args["PrivateDnsEnabled"] = ep.get("privateDns", True)
            else:
                args["RouteTableIds"] = [self.id("route-table", r) for r in ep.get("routeTables", [])]
            created = self.ec2.create_vpc_endpoint(**args)
            self.add("endpoint", ep["service"], created["VpcEndpoint"]["VpcEndpointId"])

    def data(self):
        for bucket in self.t.get("buckets", []):
            self.s3.create_bucket(Bucket=bucket["name"])
            for key, body in bucket.get("objects", {}).items():
                self.s3.put_object(Bucket=bucket["name"], Key=key, Body=body.encode())
            self.add("bucket", bucket["name"], bucket["name"])
        for secret in self.t.get("secrets", []):
            created = self.secrets.create_secret(Name=secret["name"], SecretString=secret["value"])
            self.add("secret", secret["name"], created["ARN"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topology", help="a topology file such as lab/topologies/walkthrough.json")
    parser.add_argument("--endpoint-url", default=os.environ.get("AWS_ENDPOINT_URL", "http://localhost:4566"))
    parser.add_argument("--image-id", help="AMI for the instances instead of looking one up by name")
    args = parser.parse_args()
    with open(args.topology, encoding="utf-8") as f:
        topology = json.load(f)
    made = Seeder(topology, args.endpoint_url, args.image_id).seed()
    json.dump(made, sys.stdout, indent=2, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
