// Package rds stands in for the AWS SDK for Go v2 RDS client: each method
// sends one HTTPS request through the SDK's middleware stack, behind an
// interface no fact sees through.
package rds

import "context"

type Options struct{}

type HTTPClient interface {
	Do(req any) (any, error)
}

type Client struct {
	options Options
	http    HTTPClient
}

type DescribeDBInstancesInput struct{ DBInstanceIdentifier *string }
type DescribeDBInstancesOutput struct{ Instances []string }
type DescribeDBClustersInput struct{}
type DescribeDBClustersOutput struct{ Clusters []string }

func (c *Client) invoke(ctx context.Context, in any) (any, error) { return c.http.Do(in) }

func (c *Client) DescribeDBInstances(ctx context.Context, params *DescribeDBInstancesInput, optFns ...func(*Options)) (*DescribeDBInstancesOutput, error) {
	_, err := c.invoke(ctx, params)
	return &DescribeDBInstancesOutput{}, err
}

func (c *Client) DescribeDBClusters(ctx context.Context, params *DescribeDBClustersInput, optFns ...func(*Options)) (*DescribeDBClustersOutput, error) {
	_, err := c.invoke(ctx, params)
	return &DescribeDBClustersOutput{}, err
}
